using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.County.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "county_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_county_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "county_referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Township = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TownshipName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseNo = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Village = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EscalationReason = table.Column<string>(type: "TEXT", maxLength: 2100, nullable: true),
                    PartiesJson = table.Column<string>(type: "TEXT", nullable: false),
                    TimelineJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReferredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OutcomeText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OutcomeBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_county_referrals", x => x.Id);
                    table.CheckConstraint("CK_county_referrals_status", "\"Status\" IN ('pending', 'handling', 'done')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_county_outbox_DeliveredAt_NextAttemptAt",
                table: "county_outbox",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_county_referrals_Status_DeadlineAt",
                table: "county_referrals",
                columns: new[] { "Status", "DeadlineAt" });

            migrationBuilder.CreateIndex(
                name: "IX_county_referrals_Township_CaseId",
                table: "county_referrals",
                columns: new[] { "Township", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_county_referrals_Township_ReceivedAt",
                table: "county_referrals",
                columns: new[] { "Township", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "county_outbox");

            migrationBuilder.DropTable(
                name: "county_referrals");
        }
    }
}
