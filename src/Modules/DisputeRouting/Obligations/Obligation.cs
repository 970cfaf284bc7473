using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// One duty in a mediation agreement (履行事项): who must do what (pay 400 元, repair a wall) by which date.
/// Pending until staff confirm it fulfilled; the scheduled check marks it overdue (待核查) once its date has passed;
/// staff then record it fulfilled or breached, a breach with the path taken (re-mediation or the court).
/// </summary>
public sealed class Obligation
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int? PartyId { get; set; }
    public required string PartyName { get; set; }
    public required string What { get; set; }
    /// <summary>Money is kept in whole 分 (integers), shown in 元.</summary>
    public long? AmountFen { get; set; }
    /// <summary>The last day to fulfil it, a date of the township's calendar.</summary>
    public DateOnly DueDate { get; set; }
    public string Status { get; set; } = ObligationStatus.Pending;
    public string? Path { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Who recorded it (display name); told, with the case's assignee, when it falls overdue.</summary>
    public string? CreatedBy { get; set; }
    public DateTime? OverdueAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>Bumped by every change, also by the overdue check's conditional UPDATE: a stale edit is refused.</summary>
    public int Version { get; set; }

    public bool IsOpen => Status is ObligationStatus.Pending or ObligationStatus.Overdue;

    public string AmountText => AmountFen is { } fen ? Yuan(fen) : "";

    public static string Yuan(long fen) => (fen / 100m).ToString(fen % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>"支付赔偿款(张三,400 元,2026-12-01 前)" for the timeline and notifications.</summary>
    public string Describe() => $"“{What}”({PartyName}{(AmountFen is { } f ? $",{Yuan(f)} 元" : "")},{DueDate:yyyy-MM-dd} 前)";
}

public static class ObligationStatus
{
    public const string Pending = "pending";
    public const string Overdue = "overdue";
    public const string Fulfilled = "fulfilled";
    public const string Breached = "breached";

    public static readonly string[] All = [Pending, Overdue, Fulfilled, Breached];

    public static string Chinese(string status) => status switch
    {
        Pending => "履行中",
        Overdue => "待核查",
        Fulfilled => "履行完毕",
        Breached => "未履行",
        _ => status,
    };
}

public static class ObligationPaths
{
    public const string Remediate = "remediate";
    public const string Court = "court";

    public static readonly string[] All = [Remediate, Court];

    public static string Chinese(string? path, bool judicialConfirmation) => path switch
    {
        Remediate => "重新调解",
        Court => CourtText(judicialConfirmation),
        _ => "",
    };

    /// <summary>An agreement confirmed by a court (司法确认) is enforced directly; otherwise the party sues on it.</summary>
    public static string CourtText(bool judicialConfirmation) => judicialConfirmation ? "申请强制执行" : "引导诉讼";
}

internal static class ObligationModel
{
    public const int WhatLength = 200;
    public const int NoteLength = 500;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Obligation>(b =>
        {
            b.ToTable("disputes_obligations", t =>
            {
                t.HasCheckConstraint("CK_disputes_obligations_status", "\"Status\" IN ('pending', 'overdue', 'fulfilled', 'breached')");
                t.HasCheckConstraint("CK_disputes_obligations_amount", "\"AmountFen\" IS NULL OR \"AmountFen\" > 0");
            });
            b.HasKey(o => o.Id);
            b.Property(o => o.PartyName).HasMaxLength(100);
            b.Property(o => o.What).HasMaxLength(WhatLength);
            b.Property(o => o.Status).HasMaxLength(20);
            b.Property(o => o.Path).HasMaxLength(20);
            b.Property(o => o.Note).HasMaxLength(NoteLength);
            b.Property(o => o.CreatedBy).HasMaxLength(100);
            b.Property(o => o.DecidedBy).HasMaxLength(100);
            b.Property(o => o.Version).IsConcurrencyToken();
            b.Ignore(o => o.IsOpen);
            b.Ignore(o => o.AmountText);
            b.HasIndex(o => o.CaseId);
            // The overdue check reads pending obligations by due date.
            b.HasIndex(o => new { o.Status, o.DueDate });
            b.HasOne<DisputeCase>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DisputeNotification>(b =>
        {
            b.ToTable("disputes_notifications");
            b.HasKey(n => n.Id);
            b.Property(n => n.Key).HasMaxLength(100);
            b.Property(n => n.Kind).HasMaxLength(30);
            b.Property(n => n.Level).HasMaxLength(20);
            b.Property(n => n.Recipients).HasMaxLength(300);
            b.Property(n => n.Text).HasMaxLength(1000);
            // What was already sent: a second sweep (or node) inserting the same key is refused by the database.
            b.HasIndex(n => n.Key).IsUnique();
            b.HasIndex(n => n.CreatedAt);
            b.HasIndex(n => new { n.CaseId, n.Kind });
        });
        modelBuilder.Entity<DisputeCase>().Property(c => c.CourtPath).HasMaxLength(20);
    }
}
