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
        });
        modelBuilder.Entity<IndexTask>(b =>
        {
            b.ToTable("legal_index_tasks");
            b.HasKey(t => t.Id);
            b.Property(t => t.Action).HasMaxLength(10);
        });
        modelBuilder.AddOutbox(Prefix);
    }
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
