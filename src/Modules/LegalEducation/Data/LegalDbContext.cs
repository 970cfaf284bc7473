using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Indexing;

namespace Zhizhi.Orchard.LegalEducation.Data;

/// <summary>The legal-education tables, prefixed "legal_".</summary>
public abstract class LegalDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Prefix = "legal";

    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleVersion> Versions => Set<ArticleVersion>();
    public DbSet<IndexTask> IndexTasks => Set<IndexTask>();
    public DbSet<Fields.FieldDefinition> FieldDefinitions => Set<Fields.FieldDefinition>();
    public DbSet<Searching.SynonymGroup> Synonyms => Set<Searching.SynonymGroup>();
    public DbSet<IndexRebuild> Rebuilds => Set<IndexRebuild>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(b =>
        {
            b.ToTable("legal_categories");
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(ArticleRules.MaxCategoryLength);
            b.HasIndex(c => c.Name).IsUnique();
        });
        modelBuilder.Entity<Article>(b =>
        {
            b.ToTable("legal_articles");
            b.HasKey(a => a.Id);
            b.Property(a => a.Title).HasMaxLength(ArticleRules.MaxTitleLength);
            b.Property(a => a.Body).HasMaxLength(ArticleRules.MaxBodyLength);
            b.Property(a => a.Summary).HasMaxLength(ArticleRules.MaxSummaryLength);
            b.Property(a => a.Format).HasMaxLength(10);
            b.Property(a => a.Category).HasMaxLength(ArticleRules.MaxCategoryLength);
            b.Property(a => a.Audience).HasMaxLength(20);
            b.Property(a => a.Kind).HasMaxLength(10);
            b.Property(a => a.LawIssuer).HasMaxLength(ArticleRules.MaxLawIssuerLength);
            b.Property(a => a.LawStatus).HasMaxLength(10);
            b.Property(a => a.CoverImage).HasMaxLength(200);
            b.Property(a => a.Fields).HasConversion(
                v => FieldValuesJson.Write(v),
                v => FieldValuesJson.Read(v),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>>(
                    (x, y) => x!.Count == y!.Count && !x.Except(y).Any(),
                    v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e.Key.GetHashCode(), e.Value.GetHashCode())),
                    v => new Dictionary<string, string>(v)));
            b.HasIndex(a => new { a.Featured, a.Status, a.PublishedAt });
            b.Property(a => a.Status).HasMaxLength(10);
            b.Property(a => a.CreatedBy).HasMaxLength(100);
            b.Property(a => a.UpdatedBy).HasMaxLength(100);
            b.HasIndex(a => new { a.Status, a.PublishedAt });
            b.HasIndex(a => new { a.Category, a.Status, a.PublishedAt });
        });
        modelBuilder.Entity<ArticleVersion>(b =>
        {
            b.ToTable("legal_article_versions");
            b.HasKey(v => v.Id);
            b.Property(v => v.Title).HasMaxLength(ArticleRules.MaxTitleLength);
            b.Property(v => v.Body).HasMaxLength(ArticleRules.MaxBodyLength);
            b.Property(v => v.Format).HasMaxLength(10);
            b.Property(v => v.SavedBy).HasMaxLength(100);
            b.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
            // Versions from before these columns existed hold nulls: their restore keeps the article's current values.
            b.Property(v => v.Fields).HasConversion(
                v => v == null ? null : FieldValuesJson.Write(v),
                v => v == null ? null : FieldValuesJson.Read(v),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>?>(
                    (x, y) => x == null ? y == null : y != null && x.Count == y.Count && !x.Except(y).Any(),
                    v => v == null ? 0 : v.Aggregate(0, (h, e) => HashCode.Combine(h, e.Key.GetHashCode(), e.Value.GetHashCode())),
                    v => v == null ? null : new Dictionary<string, string>(v)));
            b.Property(v => v.Category).HasMaxLength(ArticleRules.MaxCategoryLength);
            b.Property(v => v.Audience).HasMaxLength(20);
            b.Property(v => v.CoverImage).HasMaxLength(200);
        });
        modelBuilder.Entity<IndexTask>(b =>
        {
            b.ToTable("legal_index_tasks");
            b.HasKey(t => t.Id);
            b.Property(t => t.Action).HasMaxLength(10);
            b.HasIndex(t => t.RebuildId);
        });
        modelBuilder.Entity<Fields.FieldDefinition>(b =>
        {
            b.ToTable("legal_field_definitions");
            b.HasKey(f => f.Id);
            b.Property(f => f.Kind).HasMaxLength(10);
            b.Property(f => f.Name).HasMaxLength(Fields.FieldRules.MaxNameLength);
            b.Property(f => f.Type).HasMaxLength(10);
            b.HasIndex(f => new { f.Kind, f.Name }).IsUnique();
            b.Property(f => f.Label).HasMaxLength(Fields.FieldRules.MaxNameLength);
            b.Property(f => f.HelpText).HasMaxLength(Fields.FieldRules.MaxHelpTextLength);
            b.Property(f => f.Revision).IsConcurrencyToken();
            b.Ignore(f => f.DisplayName);
        });
        modelBuilder.Entity<Searching.SynonymGroup>(b =>
        {
            b.ToTable("legal_synonyms");
            b.HasKey(g => g.Id);
        });
        modelBuilder.Entity<IndexRebuild>(b =>
        {
            b.ToTable("legal_index_rebuilds");
            b.HasKey(r => r.Id);
            b.Property(r => r.StartedBy).HasMaxLength(100);
            // Only one rebuild may run: Running is 1 while it does and null afterwards (nulls never collide).
            b.HasIndex(r => r.Running).IsUnique();
        });
        modelBuilder.AddOutbox(Prefix);
    }
}

/// <summary>Article field values as a JSON object; rows from before the column existed hold "" (read as none).</summary>
internal static class FieldValuesJson
{
    public static string Write(Dictionary<string, string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public static Dictionary<string, string> Read(string json)
        => string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}

public sealed class LegalSqliteDbContext(DbContextOptions<LegalDbContext> options) : LegalDbContext(options);

public sealed class LegalPostgresDbContext(DbContextOptions<LegalDbContext> options) : LegalDbContext(options);

internal sealed class LegalSqliteDesignFactory : IDesignTimeDbContextFactory<LegalSqliteDbContext>
{
    public LegalSqliteDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<LegalDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class LegalPostgresDesignFactory : IDesignTimeDbContextFactory<LegalPostgresDbContext>
{
    public LegalPostgresDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<LegalDbContext>().UseNpgsql("Host=localhost").Options);
}
