using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringIndexesForDashboardAndOverdue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_Status_DeadlineAt",
                table: "disputes_cases");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Dashboard",
                table: "disputes_cases",
                columns: new[] { "ReportedAt", "Village", "Status", "ResolvedLevel", "ResolvedAt", "ClosedAt", "Satisfaction", "DeadlineAt", "PausedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Status_DeadlineAt",
                table: "disputes_cases",
                columns: new[] { "Status", "DeadlineAt", "PausedAt", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_Dashboard",
                table: "disputes_cases");

            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_Status_DeadlineAt",
                table: "disputes_cases");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Status_DeadlineAt",
                table: "disputes_cases",
                columns: new[] { "Status", "DeadlineAt" });
        }
    }
}
