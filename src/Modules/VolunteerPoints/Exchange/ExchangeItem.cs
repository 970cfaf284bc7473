namespace Zhizhi.Orchard.VolunteerPoints.Exchange;

public sealed class ExchangeItem
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int PointsCost { get; set; }
    /// <summary>Units still available; reserved units are already taken off. CHECK (Stock >= 0).</summary>
    public int Stock { get; set; }
    /// <summary>At most this many units per person (reserved or fulfilled); null: no limit.</summary>
    public int? PerPersonLimit { get; set; }
    /// <summary>File name in the township media folder, served at media/{file}.</summary>
    public string? Picture { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Units of one item a person holds (reserved or fulfilled); a conditional update keeps it within the item's limit.</summary>
public sealed class ItemTake
{
    public required string UserName { get; set; }
    public int ItemId { get; set; }
    public int Quantity { get; set; }
}

public sealed class Redemption
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string UserName { get; set; }
    public int ItemId { get; set; }
    public required string ItemName { get; set; }
    public int Quantity { get; set; }
    public int Points { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SettledAt { get; set; }
    public string? SettledBy { get; set; }
}

public static class RedemptionStatus
{
    public const string Reserved = "reserved";
    public const string Fulfilled = "fulfilled";
    public const string Cancelled = "cancelled";

    public static string ChineseName(string status) => status switch
    {
        Reserved => "待领取",
        Fulfilled => "已领取",
        Cancelled => "已取消",
        _ => status,
    };
}
