resource "aws_db_subnet_group" "this" {
  count      = var.create_db ? 1 : 0
  name       = "db-subnets"
  subnet_ids = var.subnet_ids
}

resource "aws_rds_cluster" "this" {
  count                   = var.create_db ? 1 : 0
  cluster_identifier      = "aurora-${var.env}"
  engine                  = "aurora-postgresql"
  db_subnet_group_name    = aws_db_subnet_group.this[0].name
  master_username         = "admin"
  master_password         = coalesce(var.password, random_password.db[0].result)
  backup_retention_period = var.env == "prod" ? 30 : 1
  preferred_backup_window = "07:00-09:00"
  skip_final_snapshot     = var.env != "prod"
  final_snapshot_identifier = var.env == "prod" ? "aurora-${var.env}-final-${formatdate("YYYYMMDD", timestamp())}" : null
}

resource "random_password" "db" {
  count   = var.create_db && var.password == null ? 1 : 0
  length  = 24
  special = false
}

output "endpoint" {
  value = try(aws_rds_cluster.this[0].endpoint, "")
}
