using ScormCloud.Emulator;

EmulatorApp.Build(args).Run();
