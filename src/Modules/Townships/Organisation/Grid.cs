namespace Zhizhi.Orchard.Townships.Organisation;

/// <summary>A grid (网格) of a village: a few hundred households walked by one grid worker (网格员).</summary>
public sealed class Grid
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public required string Name { get; set; }
    public string? WorkerName { get; set; }
    public string? WorkerPhone { get; set; }
    /// <summary>The grid worker's account in this township, when they have one.</summary>
    public string? WorkerUserName { get; set; }
}

/// <summary>A person in charge in a village (村支书/主任, 调委会主任, 综治专干 …) with their duty.</summary>
public sealed class VillagePerson
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public required string Name { get; set; }
    public required string Duty { get; set; }
    public string? Phone { get; set; }
    public string? UserName { get; set; }
}

public static class OrganisationLimits
{
    public const int NameLength = 50;
    public const int DutyLength = 20;
    public const int PhoneLength = 20;
    public const int UserNameLength = 100;

    /// <summary>Duties offered in the forms; any other duty may be typed.</summary>
    public static readonly string[] Duties = ["村支书/主任", "调委会主任", "综治专干", "治保主任", "妇联主席", "网格长", "法律明白人"];
}
