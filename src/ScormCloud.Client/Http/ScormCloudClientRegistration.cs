namespace ScormCloud.Client.Http;

/// <summary>Marks a service collection that already has the SCORM Cloud client, so a second registration adds no second pipeline.</summary>
internal sealed class ScormCloudClientRegistration;
