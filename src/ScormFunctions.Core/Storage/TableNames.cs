namespace ScormFunctions.Core.Storage;

/// <summary>Logical table names (the configured prefix is added by <see cref="TableProvider"/>).</summary>
public static class TableNames
{
    public const string Courses = "Courses";
    public const string Imports = "Imports";
    public const string Registrations = "Registrations";
    public const string RegistrationIndex = "RegistrationIndex";
    public const string RegistrationOverrides = "RegistrationOverrides";
}
