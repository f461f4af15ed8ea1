"""One module per subcommand: a few click decorators and a short body calling the library."""
