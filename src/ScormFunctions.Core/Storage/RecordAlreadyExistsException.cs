namespace ScormFunctions.Core.Storage;

/// <summary>A record with the same key already exists.</summary>
public sealed class RecordAlreadyExistsException(string message, Exception? inner = null) : Exception(message, inner);
