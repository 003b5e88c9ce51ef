resource "aws_instance" "web" {
  ami = "${var.ami}"
  count = "${var.count}"
  subnet_id = "${element(var.subnets, 0)}"
  name = "${var.prefix}-web"
  two = "${var.a}${var.b}"
  nested = "${foo("${bar}")}"
  tags = {
    Name = "${var.name}"
  }
  block {
    inner = "${var.inner}"
  }
}
