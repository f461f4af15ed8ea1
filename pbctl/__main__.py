from pbctl.cli import main

main()
