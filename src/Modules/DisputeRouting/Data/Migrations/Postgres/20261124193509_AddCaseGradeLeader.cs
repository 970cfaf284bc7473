using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.DisputeRouting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCaseGradeLeader : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "disputes_cases",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "blue");

            migrationBuilder.AddColumn<string>(
                name: "Leader",
                table: "disputes_cases",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Grade",
                table: "disputes_cases");

            migrationBuilder.DropColumn(
                name: "Leader",
                table: "disputes_cases");
        }
    }
}
