print("sfnrun 0.1.0")
