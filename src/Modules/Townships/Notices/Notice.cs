namespace Zhizhi.Orchard.Townships.Notices;

/// <summary>工作动态: a news item on the township's home page.</summary>
public sealed class Notice
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime PublishedAt { get; set; }
    public bool Pinned { get; set; }
    public string? Author { get; set; }
}
