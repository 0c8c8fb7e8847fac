await Chatsite.start()
