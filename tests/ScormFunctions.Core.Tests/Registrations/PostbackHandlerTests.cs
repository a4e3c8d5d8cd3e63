using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Tests.Registrations;

/// <summary>The postback receiver's credential handling, without storage (archive and results substituted).</summary>
public sealed class PostbackHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PostbackCredentials credentials = new(Options.Create(new SigningOptions
    {
        PostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    }));

    private readonly RegistrationResultsStore results = Substitute.For<RegistrationResultsStore>(null, null, null, null, null, null);

    private readonly PostbackArchive archive = Substitute.For<PostbackArchive>(null, null, null);

    private PostbackHandler Handler => HandlerFor(PostBackAuthType.HttpBasic);

    private PostbackHandler HandlerFor(PostBackAuthType authType, int maxLarge = 8)
    {
        var options = Options.Create(new RegistrationOptions { PostbackAuthType = authType, MaxConcurrentLargePostbacks = maxLarge });
        return new(credentials, results, archive, new PostbackBodyGate(options), Substitute.For<ErasedRegistrations>(null, null, null, null, null),
            options, NullLogger<PostbackHandler>.Instance);
    }

    private static HttpRequest Request(Stream body, string contentType, string? user, string? password)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = body;
        if (user is not null)
        {
            context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        }
        return context.Request;
    }

    private static async Task<int> StatusAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    private static string Report(string id) =>
        $$"""{"id":"{{id}}","updated":"2026-11-23T08:00:00Z","registrationCompletion":"COMPLETED","registrationSuccess":"PASSED","score":{"scaled":85},"totalSecondsTracked":90}""";

    [Fact]
    public async Task HttpBasicForARegistrationIdWithAColonIsAccepted()
    {
        // Ids may contain ':' (ResourceId allows it); SCORM Cloud sends Basic base64("{id}:{password}"), and our
        // passwords (base64url) never contain ':', so the password is what follows the last colon.
        const string Id = "course-1:learner-1";
        results.ApplyAsync(Id, Arg.Any<Registration>(), "postback", Arg.Any<CancellationToken>()).Returns(ResultsApplyOutcome.Applied);
        archive.SaveAsync(default!, default!, default!, default!, Ct).ReturnsForAnyArgs("blob");

        var result = await Handler.ReceiveAsync(
            Request(new MemoryStream(Encoding.UTF8.GetBytes(Report(Id))), "application/json", Id, credentials.PasswordFor(Id)), Ct);

        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(result));
        await results.Received(1).ApplyAsync(Id, Arg.Any<Registration>(), "postback", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HttpBasicWithWrongCredentialsIs401WithoutReadingTheBody()
    {
        // Basic credentials are in the header: an unauthenticated caller must not make us buffer up to 16 MiB first.
        var result = await Handler.ReceiveAsync(Request(new UnreadableStream(), "application/json", "reg-1", "wrong"), Ct);

        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusAsync(result));
    }

    [Fact]
    public async Task FormPostIsRefusedWithoutReadingTheBodyWhenPostbacksAreHttpBasic()
    {
        // Issue 12 item 1: 40 anonymous 15 MiB form posts were each read whole (and copied twice) before the 401.
        var result = await Handler.ReceiveAsync(Request(new UnreadableStream(), "application/x-www-form-urlencoded", null, null), Ct);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, await StatusAsync(result));
    }

    [Fact]
    public async Task FormWithWrongCredentialsBeforeTheDataIs401WithoutReadingTheData()
    {
        var head = Encoding.ASCII.GetBytes("userName=reg-1&password=wrong&data=");
        var result = await HandlerFor(PostBackAuthType.Form).ReceiveAsync(
            Request(new PrefixThenUnreadableStream(head), "application/x-www-form-urlencoded", null, null), Ct);

        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusAsync(result));
    }

    [Fact]
    public async Task LargeFormPostsBeyondTheLimitAre503WhileOneIsBeingRead()
    {
        // The first anonymous form sends its data field first and then stalls: it holds the only slot.
        using var stalled = new StallingStream(Encoding.ASCII.GetBytes("data=" + new string('x', 1000)));
        var handler = HandlerFor(PostBackAuthType.Form, maxLarge: 1);
        var first = handler.ReceiveAsync(Request(stalled, "application/x-www-form-urlencoded", null, null), Ct);
        await stalled.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var second = await handler.ReceiveAsync(
            Request(new MemoryStream(Encoding.ASCII.GetBytes("data=%7B%7D&userName=reg-1&password=wrong")), "application/x-www-form-urlencoded", null, null), Ct);
        stalled.Release();
        var firstResult = await first;

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, await StatusAsync(second));
        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusAsync(firstResult));
    }

    [Fact]
    public async Task FormWithDataFirstAndValidCredentialsIsDecodedAndApplied()
    {
        results.ApplyAsync("reg-1", Arg.Any<Registration>(), "postback", Arg.Any<CancellationToken>()).Returns(ResultsApplyOutcome.Applied);
        archive.SaveAsync(default!, default!, default!, default!, Ct).ReturnsForAnyArgs("blob");
        var form = "data=" + Uri.EscapeDataString(Report("reg-1")) + "&username=reg-1&password=" + Uri.EscapeDataString(credentials.PasswordFor("reg-1"));

        var result = await HandlerFor(PostBackAuthType.Form).ReceiveAsync(
            Request(new MemoryStream(Encoding.ASCII.GetBytes(form)), "application/x-www-form-urlencoded", null, null), Ct);

        Assert.Equal(StatusCodes.Status200OK, await StatusAsync(result));
        await results.Received(1).ApplyAsync("reg-1", Arg.Is<Registration>(r => r.Id == "reg-1"), "postback", Arg.Any<CancellationToken>());
    }

    /// <summary>Returns the prefix, then throws if read further.</summary>
    private sealed class PrefixThenUnreadableStream(byte[] prefix) : UnreadableStream
    {
        private int offset;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (offset >= prefix.Length) return base.ReadAsync(buffer, cancellationToken);
            var n = Math.Min(buffer.Length, prefix.Length - offset);
            prefix.AsMemory(offset, n).CopyTo(buffer);
            offset += n;
            return ValueTask.FromResult(n);
        }
    }

    /// <summary>Returns the prefix, then waits until released, then ends.</summary>
    private sealed class StallingStream(byte[] prefix) : UnreadableStream
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool sent;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!sent)
            {
                sent = true;
                prefix.CopyTo(buffer);
                return prefix.Length;
            }
            Started.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
            return 0;
        }
    }

    private class UnreadableStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read before authentication.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body was read before authentication.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
