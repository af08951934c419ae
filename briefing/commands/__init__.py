"""The CLI's subcommands: each module registers its parsers and runs them over the core."""
