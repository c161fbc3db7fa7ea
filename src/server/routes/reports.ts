import type { FastifyInstance } from "fastify";
import { ELEMENT_IDS } from "../../compliance/rule-pack.ts";
import { buildSubcontractorsReport } from "../../report/subcontractors.ts";
import { subcontractorsReportCsv } from "../../report/subcontractors-csv.ts";
import { reportCounts } from "../../store/report-queries.ts";
import { scopeOfRequest } from "../../access/access-control.ts";
import type { ServerDeps } from "../app.ts";

interface ReportQuery {
  from?: string;
  to?: string;
  subcontractorId?: string;
  campaignId?: string;
  format?: "json" | "csv";
}

const estimate = {
  type: ["object", "null"],
  properties: { rate: { type: "number" }, low: { type: "number" }, high: { type: "number" }, confidence: { type: "number" } },
} as const;

const reportLine = {
  callsAnalyzed: { type: "integer" },
  verdicts: {
    type: "object",
    properties: {
      compliant: { type: "integer" },
      non_compliant: { type: "integer" },
      needs_review: { type: "integer" },
      not_applicable: { type: "integer" },
    },
  },
  nonComplianceRate: estimate,
  elements: {
    type: "array",
    items: {
      type: "object",
      properties: { id: { type: "string" }, missing: { type: "integer" }, late: { type: "integer" }, violated: { type: "integer" } },
    },
  },
} as const;

const reportSchema = {
  type: "object",
  properties: {
    from: { type: ["string", "null"] },
    to: { type: ["string", "null"] },
    confidence: { type: "number" },
    subcontractors: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          total: { type: "object", properties: reportLine },
          campaigns: {
            type: "array",
            items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, brand: { type: "string" }, ...reportLine } },
          },
        },
      },
    },
  },
} as const;

/** Audit reports over the stored verdicts. */
export async function reportRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.get<{ Querystring: ReportQuery }>(
    "/reports/subcontractors",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Per subcontractor and campaign over a range of days: calls analyzed, counts per verdict, non-compliance rate with its 95% Wilson interval, and per element how often it was missing, late or violated. JSON, or CSV with format=csv or Accept: text/csv.",
        querystring: {
          type: "object",
          properties: {
            from: { type: "string", format: "date", description: "first day included (YYYY-MM-DD, Europe/Paris calendar day of the call)" },
            to: { type: "string", format: "date", description: "last day included (YYYY-MM-DD)" },
            subcontractorId: { type: "string" },
            campaignId: { type: "string" },
            format: { type: "string", enum: ["json", "csv"] },
          },
          additionalProperties: false,
        },
        response: { 200: reportSchema, 400: { $ref: "ErrorBody#" } },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { from, to } = q;
      const counts = await reportCounts(deps.db, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(q.subcontractorId ? { subcontractorId: q.subcontractorId } : {}),
        ...(q.campaignId ? { campaignId: q.campaignId } : {}),
      }, scopeOfRequest(request));
      const report = buildSubcontractorsReport(counts, { ...(from ? { from } : {}), ...(to ? { to } : {}), elementOrder: ELEMENT_IDS });
      const wantsCsv = q.format === "csv" || (q.format === undefined && request.headers.accept?.includes("text/csv"));
      if (wantsCsv) {
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="subcontractors-report.csv"')
          .serializer((payload: string) => payload)
          .send(subcontractorsReportCsv(report));
      }
      return report;
    },
  );
}
