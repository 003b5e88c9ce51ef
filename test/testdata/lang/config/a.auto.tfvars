from_auto = "from-a-auto"
