using TreatmentFlowModel.Cli;

return TfmCommand.Invoke(args, Console.Out, Console.Error);
