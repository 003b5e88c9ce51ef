output "vpc_id" {
  value       = aws_vpc.main.id
  description = "The ID of the VPC"
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}

output "summary" {
  value = {
    region  = var.region
    subnets = length(aws_subnet.public)
    names   = [for s in aws_subnet.public : s.tags.Name]
  }
  depends_on = [aws_route_table_association.public]
}

output "first_subnet" {
  value = aws_subnet.public.0.id
}

output "conditional" {
  value = var.enabled ? one(aws_instance.web[*].id) : null
  precondition {
    condition     = length(aws_instance.web) > 0
    error_message = "No instances."
  }
}
