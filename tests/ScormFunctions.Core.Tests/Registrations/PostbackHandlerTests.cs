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

    private readonly RegistrationResultsStore results = Substitute.For<RegistrationResultsStore>(null, null, null, null, null);

    private readonly PostbackArchive archive = Substitute.For<PostbackArchive>(null, null, null);

    private PostbackHandler Handler => new(credentials, results, archive, NullLogger<PostbackHandler>.Instance);

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

    private sealed class UnreadableStream : Stream
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
