using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.LegalEducation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldEditingAndVersionValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HelpText",
                table: "legal_field_definitions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "legal_field_definitions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "legal_field_definitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "legal_article_versions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "legal_article_versions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoverImage",
                table: "legal_article_versions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fields",
                table: "legal_article_versions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "legal_article_versions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HelpText",
                table: "legal_field_definitions");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "legal_field_definitions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "legal_field_definitions");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "legal_article_versions");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "legal_article_versions");

            migrationBuilder.DropColumn(
                name: "CoverImage",
                table: "legal_article_versions");

            migrationBuilder.DropColumn(
                name: "Fields",
                table: "legal_article_versions");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "legal_article_versions");
        }
    }
}
