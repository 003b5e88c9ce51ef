moved {
  from = aws_instance.old
  to   = aws_instance.new
}

moved {
  from = module.a
  to   = module.b["x"]
}

import {
  to = aws_s3_bucket.legacy
  id = "legacy-bucket-name"
}

import {
  for_each = var.existing_buckets
  to       = aws_s3_bucket.imported[each.key]
  id       = each.value
}

removed {
  from = aws_instance.retired
  lifecycle {
    destroy = false
  }
}
