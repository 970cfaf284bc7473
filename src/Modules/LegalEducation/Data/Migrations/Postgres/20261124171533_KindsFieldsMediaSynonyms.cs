using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhizhi.Orchard.LegalEducation.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoverImage",
                table: "legal_articles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Featured",
                table: "legal_articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Fields",
                table: "legal_articles",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LawEffectiveDate",
                table: "legal_articles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LawIssuer",
                table: "legal_articles",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LawStatus",
                table: "legal_articles",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "legal_field_definitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Choices = table.Column<List<string>>(type: "text[]", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_field_definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legal_index_rebuilds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Running = table.Column<int>(type: "integer", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_index_rebuilds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legal_synonyms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Words = table.Column<List<string>>(type: "text[]", nullable: false)
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
