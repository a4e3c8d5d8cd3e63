namespace ScormCloud.Client;

/// <summary>
/// A SCORM Cloud call failed: the service answered with a non-success status (<see cref="Status"/>), or no answer
/// arrived (transport failure or timeout, <see cref="Status"/> 0). Cancellation by the caller is not wrapped.
/// </summary>
public class ScormCloudException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public ScormCloudException()
        : this(0, null, "SCORM Cloud call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ScormCloudException(string message)
        : this(0, null, message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScormCloudException(string message, Exception? innerException)
        : this(0, null, message, innerException)
    {
    }

    /// <summary>Creates an exception for a service answer.</summary>
    /// <param name="status">The HTTP status, or 0 when no answer arrived.</param>
    /// <param name="serviceMessage">The service's <c>message</c> (or 401 <c>error</c>) text.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ScormCloudException(int status, string? serviceMessage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ServiceMessage = serviceMessage;
    }

    /// <summary>The HTTP status code, or 0 when no response arrived (transport failure or timeout).</summary>
    public int Status { get; }

    /// <summary>The service's error text (<c>MessageSchema.message</c>, or the 401 <c>error</c>), if any.</summary>
    public string? ServiceMessage { get; }

    /// <summary>The resource does not exist (404).</summary>
    public bool IsNotFound => Status == 404;

    /// <summary>
    /// The resource already exists: 409 (course import without <c>mayCreateNewVersion</c>) or 400 whose message says
    /// "already exists" (duplicate registration id).
    /// </summary>
    public bool IsAlreadyExists =>
        Status == 409
        || (Status == 400 && ServiceMessage?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The app id or secret key was rejected (401).</summary>
    public bool IsUnauthorized => Status == 401;

    /// <summary>Trying again later may succeed: no response, 408, 429 or 5xx.</summary>
    public bool IsTransient => Status is 0 or 408 or 429 or >= 500;
}
