resource aws_instance web {
  ami = "x"
}
resource "aws_instance" /* comment */ "db" {
  ami = "y"
}
module   "m"   {
  source = "./m"
}
resource "a\u0041" "b\tc" {
}
