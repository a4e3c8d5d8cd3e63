using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Core.Durable;

namespace ScormFunctions.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Learner data deletion: options (<c>Privacy:*</c>, validated on start), handlers, activities, the workflow.</summary>
    public static IServiceCollection AddLearnerDeletion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LearnerDeletionOptions>().Bind(configuration.GetSection(LearnerDeletionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LearnerPseudonyms>();
        services.AddSingleton<LearnerDeletionRepository>();
        services.AddSingleton<ErasedRegistrations>();
        // Transient: they hold the typed SCORM Cloud HttpClient, whose handlers the factory rotates.
        services.AddTransient<RegistrationEraser>();
        services.AddTransient<LearnerDeletionActivities>();
        services.AddTransient<LearnerDeletionHandlers>();
        services.AddSingleton(sp => LearnerDeletionWorkflow.Create(sp));
        return services;
    }
}

/// <summary>The orchestration and its activities, a line each over <see cref="LearnerDeletionActivities"/>.</summary>
public static class LearnerDeletionWorkflow
{
    /// <summary>Each activity call resolves the activities anew (they are transient, like the SCORM Cloud client they use).</summary>
    public static DurableWorkflow Create(IServiceProvider services)
    {
        LearnerDeletionActivities Activities() => services.GetRequiredService<LearnerDeletionActivities>();
        return DurableWorkflow.Create<LearnerDeletionRun, string>(
            LearnerDeletionOrchestration.Name, LearnerDeletionOrchestration.RunAsync,
            DurableActivity.Create<LearnerDeletionStep, LearnerDeletionStepResult>(
                LearnerDeletionActivityNames.EraseRegistrations, step => Activities().EraseRegistrationsAsync(step, CancellationToken.None)),
            DurableActivity.Create<LearnerDeletionStep, LearnerDeletionStepResult>(
                LearnerDeletionActivityNames.EraseScormCloudRegistrations, step => Activities().EraseScormCloudRegistrationsAsync(step, CancellationToken.None)),
            DurableActivity.Create<LearnerDeletionStep, LearnerDeletionStepResult>(
                LearnerDeletionActivityNames.RequestScormCloudErasure, step => Activities().RequestScormCloudErasureAsync(step, CancellationToken.None)),
            DurableActivity.Create<LearnerDeletionOutcome, bool>(
                LearnerDeletionActivityNames.Save, outcome => Activities().SaveAsync(outcome, CancellationToken.None)));
    }
}
