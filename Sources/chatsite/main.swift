Chatsite.main()
