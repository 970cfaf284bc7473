namespace Zhizhi.Orchard.Mediation.Contracts;

/// <summary>An active mediator as other modules see them: enough to screen conflicts of interest and match specialties.</summary>
public sealed record MediatorInfo(int Id, string Name, string Type, IReadOnlyList<string> Specialties,
    string? Village, string? VillageGroup, IReadOnlyList<string> Conflicts, bool Active);

/// <summary>The township's mediators (调解员名录), for modules that assign them (dispute cases).</summary>
public interface IMediatorDirectory
{
    /// <summary>False when the township has not enabled the mediation feature (no directory to ask).</summary>
    bool IsAvailable { get; }

    /// <summary>Every mediator, active or not, in the order they were added.</summary>
    Task<IReadOnlyList<MediatorInfo>> MediatorsAsync(CancellationToken ct = default);
}
