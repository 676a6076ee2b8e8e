### unit tests of the library core
