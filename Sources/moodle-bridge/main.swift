import BridgeCLI

await MoodleBridgeCommand.runFromCommandLine()
