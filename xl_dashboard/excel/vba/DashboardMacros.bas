Attribute VB_Name = "DashboardMacros"
' xl_dashboard: the buttons on the Instructions sheet. Each Sub hands over to Python
' (xl_dashboard.excel.macros) through xlwings' RunPython; the work and the messages are there.
' Generated from xl_dashboard/excel/vba/DashboardMacros.bas: edit that file, not this module.
Option Explicit

Sub RefreshDashboard()
    RunPython "import xl_dashboard.excel.macros as m; m.refresh()"
End Sub

Sub RefreshHere()
    RunPython "import xl_dashboard.excel.macros as m; m.refresh_here()"
End Sub

Sub CheckData()
    RunPython "import xl_dashboard.excel.macros as m; m.check()"
End Sub

Sub LoadAnnexA()
    RunPython "import xl_dashboard.excel.macros as m; m.load_annex_a()"
End Sub

Sub ExportPdf()
    RunPython "import xl_dashboard.excel.macros as m; m.export_pdf()"
End Sub
