output "id" {
value = aws_instance.web.id
   description = "The id"
sensitive = true
}
output   "ip"{
  value=aws_instance.web.public_ip
}
