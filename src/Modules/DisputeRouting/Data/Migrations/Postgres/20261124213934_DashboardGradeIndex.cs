using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardGradeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_Grade_ReportedAt",
                table: "disputes_cases",
                columns: new[] { "Grade", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_cases_Grade_ReportedAt",
                table: "disputes_cases");
        }
    }
}
