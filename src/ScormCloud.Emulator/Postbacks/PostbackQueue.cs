using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Postbacks;

/// <summary>
/// The postback channel. With <see cref="DuplicateAndReorder"/> on, each postback goes out twice: once at once, and a
/// held-back copy right after the registration's next postback (so an older payload arrives after a newer one), or
/// after <see cref="PostbackOptions.HoldBack"/> if no newer one comes.
/// </summary>
public sealed class PostbackQueue(IOptions<EmulatorOptions> options, TimeProvider time, ILogger<PostbackQueue> logger)
{
    private readonly Channel<PostbackWork> channel = Channel.CreateUnbounded<PostbackWork>();
    private readonly Dictionary<string, (PostbackWork Work, ITimer Timer)> held = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private volatile bool duplicateAndReorder = options.Value.Postbacks.DuplicateAndReorder;

    public ChannelReader<PostbackWork> Reader => channel.Reader;

    /// <summary>Switchable at run time through <c>POST /emulator/postbacks</c>.</summary>
    public bool DuplicateAndReorder
    {
        get => duplicateAndReorder;
        set => duplicateAndReorder = value;
    }

    /// <summary>A new postback from a rollup.</summary>
    public void Enqueue(PostbackWork work)
    {
        if (!duplicateAndReorder)
        {
            channel.Writer.TryWrite(work);
            return;
        }
        lock (gate)
        {
            channel.Writer.TryWrite(work);
            if (held.Remove(work.RegistrationId, out var older))
            {
                older.Timer.Dispose();
                channel.Writer.TryWrite(older.Work);
                logger.LogInformation("Postback for {RegistrationId}: older copy released after a newer one", work.RegistrationId);
            }
            var timer = time.CreateTimer(_ => Release(work), null, options.Value.Postbacks.HoldBack, Timeout.InfiniteTimeSpan);
            held[work.RegistrationId] = (work, timer);
        }
    }

    /// <summary>A failed attempt, back in line after its backoff.</summary>
    public void Retry(PostbackWork work) => channel.Writer.TryWrite(work);

    private void Release(PostbackWork work)
    {
        lock (gate)
        {
            if (!held.TryGetValue(work.RegistrationId, out var entry) || !ReferenceEquals(entry.Work, work)) return;
            held.Remove(work.RegistrationId);
            entry.Timer.Dispose();
            channel.Writer.TryWrite(work);
        }
    }
}
