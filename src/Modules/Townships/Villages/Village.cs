namespace Zhizhi.Orchard.Townships.Villages;

/// <summary>A village (村) or urban community (社区) of the township, with its grid count.</summary>
public sealed class Village
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Kind { get; set; } = "村";
    public int Grids { get; set; }
    public int Households { get; set; }
    public string? Head { get; set; }
    public string? Phone { get; set; }
}
