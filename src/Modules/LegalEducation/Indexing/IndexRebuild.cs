namespace Zhizhi.Orchard.LegalEducation.Indexing;

/// <summary>
/// A full re-indexing of a township, asked for by an admin: a task for every article is written with
/// this rebuild's id, so progress is "tasks left" and a restart simply continues. At most one runs at a
/// time: <see cref="Running"/> is 1 while it runs (null after), under a unique index.
/// </summary>
public sealed class IndexRebuild
{
    public int Id { get; set; }
    public int Total { get; set; }
    public int? Running { get; set; }
    public DateTime StartedAt { get; set; }
    public string? StartedBy { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public sealed record RebuildDto(int Id, int Total, int Done, bool Finished, DateTimeOffset StartedAt, string? StartedBy, DateTimeOffset? FinishedAt);
