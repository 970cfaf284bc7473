using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationAssignment : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_disputes_cases_MediatorId_Status",
                table: "disputes_cases",
                columns: new[] { "MediatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_assignment_rules_Scope",
                table: "disputes_assignment_rules",
                column: "Scope",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes_assignment_rules");

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
                name: "MediatorId",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "MediatorName",
                table: "disputes_cases");
        }
    }
}
