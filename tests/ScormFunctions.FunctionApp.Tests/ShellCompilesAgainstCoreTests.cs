using ScormFunctions.Testing;

namespace ScormFunctions.FunctionApp.Tests;

public sealed class ShellCompilesAgainstCoreTests
{
    private static readonly string ShellDirectory = Path.Combine(RepoPaths.Root, "src", "ScormFunctions.FunctionApp");

    [Fact]
    public void ShellSourcesCompileAgainstTheCore()
    {
        var files = ShellCompilation.SourceFiles(ShellDirectory);

        var errors = ShellCompilation.UnexpectedErrors(files.Select(f => (f, File.ReadAllText(f))));

        Assert.True(files.Count >= 3, $"Expected the shell's sources under {ShellDirectory}.");
        Assert.True(errors.Count == 0, "The Functions shell no longer compiles against the core:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void AWrongCallIntoTheCoreIsReported()
    {
        // The same trigger as Courses/CourseFunctions.cs, but calling the handler with a missing argument.
        const string broken = """
            using Microsoft.AspNetCore.Http;
            using Microsoft.Azure.Functions.Worker;
            using ScormFunctions.Core.Courses;
            public sealed class Broken(CourseHandlers handlers)
            {
                [Function("GetCourse")]
                public Task<IResult> GetCourse([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}")] HttpRequest req, string courseId)
                    => handlers.GetAsync(req, courseId);
            }
            """;

        var errors = ShellCompilation.UnexpectedErrors([("Broken.cs", broken)]);

        Assert.Contains(errors, e => e.Id == "CS7036");
    }

    [Fact]
    public void AMisspelledLocalNameIsReported()
    {
        const string broken = """
            using ScormFunctions.Core.Http;
            public static class Misspelled
            {
                public static string? Check(string id) => ResourceId.Validate(idd, "id");
            }
            """;

        var errors = ShellCompilation.UnexpectedErrors([("Misspelled.cs", broken)]);

        Assert.Contains(errors, e => e.Id == "CS0103");
    }
}
