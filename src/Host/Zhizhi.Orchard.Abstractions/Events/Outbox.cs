using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Events;

/// <summary>
/// An event waiting to be delivered. Every module context carries its own outbox table, so the row is
/// written in the same transaction as the change that made the event true.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Handles a past-tense event from another module. Delivery is at least once: be idempotent (use <see cref="EventContext.MessageId"/>).</summary>
public interface IEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken ct);
}

public sealed record EventContext(Guid MessageId, Township Township, DateTime OccurredAt, int Attempt);

public sealed record EventHandlerRegistration(Type EventType, Type HandlerType, string FeatureId);

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventTypeName(Type type) => type.FullName ?? type.Name;

    /// <summary>Adds the outbox table "{prefix}_outbox" to a module's model.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder, string tablePrefix)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable($"{tablePrefix}_outbox");
            b.HasKey(m => m.Id);
            b.Property(m => m.Type).HasMaxLength(300);
            b.Property(m => m.LastError).HasMaxLength(2000);
            b.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
        });
        return modelBuilder;
    }

    /// <summary>Queues an event; it is stored by the next SaveChanges and delivered after that commit.</summary>
    public static void Publish<TEvent>(this DbContext db, TEvent @event, DateTime utcNow) where TEvent : class
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = EventTypeName(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(@event, Json),
            CreatedAt = utcNow,
            NextAttemptAt = utcNow,
        });
    }

    /// <summary>Queues an event whose type is known only at run time (e.g. one an activity of another module raised).</summary>
    public static void PublishObject(this DbContext db, object @event, DateTime utcNow)
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = EventTypeName(@event.GetType()),
            Payload = JsonSerializer.Serialize(@event, @event.GetType(), Json),
            CreatedAt = utcNow,
            NextAttemptAt = utcNow,
        });
    }

    public static object? Deserialize(string payload, Type type) => JsonSerializer.Deserialize(payload, type, Json);

    public static FeatureBuilder AddEventHandler<TEvent, THandler>(this FeatureBuilder feature)
        where TEvent : class
        where THandler : class, IEventHandler<TEvent>
    {
        feature.Services.AddSingleton(new EventHandlerRegistration(typeof(TEvent), typeof(THandler), feature.Feature.Id));
        feature.Services.AddScoped<THandler>();
        return feature;
    }
}
