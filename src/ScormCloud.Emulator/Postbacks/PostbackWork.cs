namespace ScormCloud.Emulator.Postbacks;

/// <summary>One postback to deliver: the payload was rendered when the rollup happened.</summary>
public sealed record PostbackWork(string RegistrationId, PostbackTarget Target, string Json, int Attempt = 1);
