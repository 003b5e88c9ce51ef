resource "a" "b" {
	x	=	1
		yy = 2
	z = "tab	here"
}
