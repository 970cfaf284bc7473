using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhizhi.Orchard.LegalEducation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KindsFieldsMediaSynonyms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RebuildId",
                table: "legal_index_tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoverImage",
                table: "legal_articles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Featured",
                table: "legal_articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Fields",
                table: "legal_articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LawEffectiveDate",
                table: "legal_articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LawIssuer",
                table: "legal_articles",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LawStatus",
                table: "legal_articles",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "legal_field_definitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_field_definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legal_index_rebuilds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Running = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_index_rebuilds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legal_synonyms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Words = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_synonyms", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_legal_index_tasks_RebuildId",
                table: "legal_index_tasks",
                column: "RebuildId");

            migrationBuilder.CreateIndex(
                name: "IX_legal_articles_Featured_Status_PublishedAt",
                table: "legal_articles",
                columns: new[] { "Featured", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_legal_field_definitions_Kind_Name",
                table: "legal_field_definitions",
                columns: new[] { "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_legal_index_rebuilds_Running",
                table: "legal_index_rebuilds",
                column: "Running",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "legal_field_definitions");

            migrationBuilder.DropTable(
                name: "legal_index_rebuilds");

            migrationBuilder.DropTable(
                name: "legal_synonyms");

            migrationBuilder.DropIndex(
                name: "IX_legal_index_tasks_RebuildId",
                table: "legal_index_tasks");

            migrationBuilder.DropIndex(
                name: "IX_legal_articles_Featured_Status_PublishedAt",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "RebuildId",
                table: "legal_index_tasks");

            migrationBuilder.DropColumn(
                name: "CoverImage",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "Featured",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "Fields",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "LawEffectiveDate",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "LawIssuer",
                table: "legal_articles");

            migrationBuilder.DropColumn(
                name: "LawStatus",
                table: "legal_articles");
        }
    }
}
