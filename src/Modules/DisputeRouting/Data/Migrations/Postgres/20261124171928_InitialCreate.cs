using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disputes_applied_events",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_applied_events", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "disputes_cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseNo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Village = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Assignee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeadlineAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LevelSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PausedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PauseReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    AgreementTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    JudicialConfirmation = table.Column<bool>(type: "boolean", nullable: false),
                    BookingId = table.Column<int>(type: "integer", nullable: true),
                    WorkflowId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_cases", x => x.Id);
                    table.CheckConstraint("CK_disputes_cases_satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)");
                });

            migrationBuilder.CreateTable(
                name: "disputes_categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_counters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_counters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "disputes_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "disputes_timeline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Public = table.Column<bool>(type: "boolean", nullable: false),
                    PrevHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_timeline", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_parties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_parties_disputes_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_BookingId",
                table: "disputes_cases",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_CaseNo",
                table: "disputes_cases",
                column: "CaseNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Category_ReportedAt",
                table: "disputes_cases",
                columns: new[] { "Category", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_ReportedAt",
                table: "disputes_cases",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_ReporterId",
                table: "disputes_cases",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Status_DeadlineAt",
                table: "disputes_cases",
                columns: new[] { "Status", "DeadlineAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Village_ReportedAt",
                table: "disputes_cases",
                columns: new[] { "Village", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Year_Seq",
                table: "disputes_cases",
                columns: new[] { "Year", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_categories_Name",
                table: "disputes_categories",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_outbox_DeliveredAt_NextAttemptAt",
                table: "disputes_outbox",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_parties_CaseId",
                table: "disputes_parties",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_timeline_CaseId_Seq",
                table: "disputes_timeline",
                columns: new[] { "CaseId", "Seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes_applied_events");

            migrationBuilder.DropTable(
                name: "disputes_categories");

            migrationBuilder.DropTable(
                name: "disputes_counters");

            migrationBuilder.DropTable(
                name: "disputes_outbox");

            migrationBuilder.DropTable(
                name: "disputes_parties");

            migrationBuilder.DropTable(
                name: "disputes_settings");

            migrationBuilder.DropTable(
                name: "disputes_timeline");

            migrationBuilder.DropTable(
                name: "disputes_cases");
        }
    }
}
