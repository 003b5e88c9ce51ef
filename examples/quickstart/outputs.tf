output "instance_id" {
  description = "ID of the web server"
  value       = aws_instance.web.id
}

output "public_ip" {
  description = "Public IP of the web server"
  value       = aws_instance.web.public_ip
}

output "availability_zone" {
  value = aws_instance.web.availability_zone
}

output "security_group_id" {
  value = aws_security_group.web.id
}

output "volume_id" {
  value = aws_ebs_volume.data.id
}
