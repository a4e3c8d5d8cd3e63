namespace ScormFunctions.Core.Storage;

/// <summary>The record changed since it was read (ETag mismatch); re-read and decide again.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
