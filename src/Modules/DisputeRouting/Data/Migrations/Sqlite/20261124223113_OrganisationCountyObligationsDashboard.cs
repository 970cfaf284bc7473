using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationCountyObligationsDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "disputes_parties",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VillageGroup",
                table: "disputes_parties",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountyDeadlineAt",
                table: "disputes_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcome",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountyOutcomeAt",
                table: "disputes_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcomeBy",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyOutcomeText",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountyReferredAt",
                table: "disputes_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CountyStatus",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CourtPath",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MediatorId",
                table: "disputes_cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediatorName",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disputes_assignment_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Village = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_assignment_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ObligationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_obligations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OverdueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_obligations", x => x.Id);
                    table.CheckConstraint("CK_disputes_obligations_amount", "\"AmountFen\" IS NULL OR \"AmountFen\" > 0");
                    table.CheckConstraint("CK_disputes_obligations_status", "\"Status\" IN ('pending', 'overdue', 'fulfilled', 'breached')");
                    table.ForeignKey(
                        name: "FK_disputes_obligations_disputes_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "disputes_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Grade_ReportedAt",
                table: "disputes_cases",
                columns: new[] { "Grade", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_MediatorId_Status",
                table: "disputes_cases",
                columns: new[] { "MediatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_assignment_rules_Scope",
                table: "disputes_assignment_rules",
                column: "Scope",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_notifications_CaseId_Kind",
                table: "disputes_notifications",
                columns: new[] { "CaseId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_notifications_CreatedAt",
                table: "disputes_notifications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_notifications_Key",
                table: "disputes_notifications",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_obligations_CaseId",
                table: "disputes_obligations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_obligations_Status_DueDate",
                table: "disputes_obligations",
                columns: new[] { "Status", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes_assignment_rules");

            migrationBuilder.DropTable(
                name: "disputes_notifications");

            migrationBuilder.DropTable(
                name: "disputes_obligations");

            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_Grade_ReportedAt",
                table: "disputes_cases");

            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_MediatorId_Status",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "disputes_parties");

            migrationBuilder.DropColumn(
                name: "VillageGroup",
                table: "disputes_parties");

            migrationBuilder.DropColumn(
                name: "CountyDeadlineAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcome",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeBy",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyOutcomeText",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyReferredAt",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CountyStatus",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "CourtPath",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "MediatorId",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "MediatorName",
                table: "disputes_cases");
        }
    }
}
