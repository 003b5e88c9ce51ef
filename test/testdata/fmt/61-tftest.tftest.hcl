run "check" {
command = plan
assert {
condition = aws_instance.web.ami=="x"
error_message = "wrong"
}
}
variables {
x = 1
yy = 2
}
