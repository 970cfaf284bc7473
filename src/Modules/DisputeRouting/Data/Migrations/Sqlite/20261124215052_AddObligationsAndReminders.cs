using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddObligationsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CourtPath",
                table: "disputes_cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

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
                name: "disputes_notifications");

            migrationBuilder.DropTable(
                name: "disputes_obligations");

            migrationBuilder.DropColumn(
                name: "CourtPath",
                table: "disputes_cases");
        }
    }
}
