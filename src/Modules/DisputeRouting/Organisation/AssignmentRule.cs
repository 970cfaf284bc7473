using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Organisation;

/// <summary>
/// 分派规则: who takes a case routed to <see cref="Level"/>, optionally only for one village and/or one category.
/// The most specific matching rule wins (village+category, village, category, level only).
/// </summary>
public sealed class AssignmentRule
{
    public const int AssigneeLength = 100;

    public int Id { get; set; }
    public required string Level { get; set; }
    public string? Village { get; set; }
    public string? Category { get; set; }
    /// <summary>A user name or a person's name from the organisation tree.</summary>
    public required string Assignee { get; set; }
    /// <summary>What the case shows as its assignee (承办人), e.g. "李主任".</summary>
    public required string DisplayName { get; set; }
    /// <summary>Level|village|category: unique, so two rules for the same scope cannot exist (NULLs would slip past a composite index).</summary>
    public string Scope { get; set; } = "";

    public static string ScopeOf(string level, string? village, string? category) => $"{level}|{village}|{category}";

    /// <summary>Higher is more specific.</summary>
    public int Specificity => (Village is null ? 0 : 2) + (Category is null ? 0 : 1);

    /// <summary>"村(社区)+婚姻家庭", as written in the timeline.</summary>
    public string Describe() => string.Join("+", new[] { CaseLevels.Chinese(Level), Village, Category }.Where(x => x is not null));
}

internal static class AssignmentModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AssignmentRule>(b =>
        {
            b.ToTable("disputes_assignment_rules");
            b.HasKey(r => r.Id);
            b.Property(r => r.Level).HasMaxLength(20);
            b.Property(r => r.Village).HasMaxLength(DisputesDbContext.NameLength);
            b.Property(r => r.Category).HasMaxLength(50);
            b.Property(r => r.Assignee).HasMaxLength(AssignmentRule.AssigneeLength);
            b.Property(r => r.DisplayName).HasMaxLength(AssignmentRule.AssigneeLength);
            b.Property(r => r.Scope).HasMaxLength(200);
            b.HasIndex(r => r.Scope).IsUnique();
            b.Ignore(r => r.Specificity);
        });
        modelBuilder.Entity<DisputeCase>(b =>
        {
            b.Property(c => c.MediatorName).HasMaxLength(50);
            // Load balancing counts the open cases of each mediator.
            b.HasIndex(c => new { c.MediatorId, c.Status });
        });
        modelBuilder.Entity<Party>(b =>
        {
            b.Property(p => p.VillageGroup).HasMaxLength(50);
            b.Property(p => p.Address).HasMaxLength(200);
        });
    }
}
